/** Clipboard helper: the async clipboard API needs a secure context and permission, so fall back to execCommand. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or unfocused document: try the legacy path below.
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

/** A shell-safe single-quoted string. */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The curl command that runs `sql` against this server's query API. */
export function curlForQuery(url: string, sql: string): string {
  return `curl -sS -X POST ${shellQuote(url)} \\\n  -H "Authorization: Bearer $PHARLUX_TOKEN" \\\n  -H 'Content-Type: application/json' \\\n  --data ${shellQuote(JSON.stringify({ sql }))}`;
}

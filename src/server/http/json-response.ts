/** JSON responses and the API error envelope `{"error": {"code", "message"}}` (SPEC §8). */
export function jsonResponse(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** An error response in the API envelope. */
export function errorEnvelope(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return jsonResponse({ error: { code, message } }, status, headers);
}

/** A count with its noun in the right number: `1 service`, `2 services`, `1,204 spans`. */
export function countText(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? singular : plural}`;
}

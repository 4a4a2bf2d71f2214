/**
 * Order statistics for percentile aggregates: the k-th smallest value of a group (and the
 * next one up, for interpolation) without sorting. Tail ranks (p90, p99, p1 — what
 * latency dashboards ask for) keep only the few values beyond the rank in a binary heap,
 * one cheap comparison per value; middle ranks use quickselect. NaN sorts last, as in
 * PostgreSQL; groups holding NaN take a slower comparator.
 */

/** The k-th smallest (0-based) of a[0, n) and the (k+1)-th (NaN when k + 1 = n); may reorder `a`. */
export function kthAndNext(a: Float64Array, n: number, k: number): [number, number] {
  let nan = false;
  for (let i = 0; i < n; i++) if (a[i] !== a[i]) nan = true;
  if (nan) {
    const v = selectWithNaN(a, 0, n - 1, k);
    return [v, k + 1 < n ? selectWithNaN(a, k + 1, n - 1, k + 1) : NaN];
  }
  const above = n - k; // values at rank >= k
  if (above * 8 <= n) return topTwo(a, n, above);
  if ((k + 2) * 8 <= n) return bottomTwo(a, n, k);
  const v = selectNumbers(a, 0, n - 1, k);
  // select partitioned a: everything right of k is >= a[k], so the next rank is their minimum.
  let next = NaN;
  for (let i = k + 1; i < n; i++) if (!(a[i] >= next)) next = a[i];
  return [v, next];
}

/** [smallest, second smallest] of the m largest values of a[0, n): ranks n - m and n - m + 1. */
function topTwo(a: Float64Array, n: number, m: number): [number, number] {
  // Min-heap of the m largest seen so far; heap[0] is the smallest of them.
  const heap = new Float64Array(m);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (size < m) {
      let c = size++;
      heap[c] = x;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (heap[p] <= heap[c]) break;
        const t = heap[p];
        heap[p] = heap[c];
        heap[c] = t;
        c = p;
      }
    } else if (x > heap[0]) {
      heap[0] = x;
      siftDownMin(heap, m);
    }
  }
  const second = m >= 3 ? Math.min(heap[1], heap[2]) : m === 2 ? heap[1] : NaN;
  return [heap[0], second];
}

function siftDownMin(heap: Float64Array, m: number): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= m) return;
    const r = l + 1;
    const s = r < m && heap[r] < heap[l] ? r : l;
    if (heap[c] <= heap[s]) return;
    const t = heap[s];
    heap[s] = heap[c];
    heap[c] = t;
    c = s;
  }
}

/** [k-th, (k+1)-th] smallest of a[0, n) for small k, through a max-heap of the k + 2 smallest. */
function bottomTwo(a: Float64Array, n: number, k: number): [number, number] {
  const m = k + 2;
  const heap = new Float64Array(m);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (size < m) {
      let c = size++;
      heap[c] = x;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (heap[p] >= heap[c]) break;
        const t = heap[p];
        heap[p] = heap[c];
        heap[c] = t;
        c = p;
      }
    } else if (x < heap[0]) {
      heap[0] = x;
      siftDownMax(heap, m);
    }
  }
  // heap[0] is rank k + 1; rank k is the largest of the rest.
  const kth = m >= 3 ? Math.max(heap[1], heap[2]) : heap[1];
  return [kth, heap[0]];
}

function siftDownMax(heap: Float64Array, m: number): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= m) return;
    const r = l + 1;
    const s = r < m && heap[r] > heap[l] ? r : l;
    if (heap[c] >= heap[s]) return;
    const t = heap[s];
    heap[s] = heap[c];
    heap[c] = t;
    c = s;
  }
}

/** Quickselect over NaN-free values: the k-th smallest of a[lo..hi], in place. */
function selectNumbers(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const x = a[lo];
    const y = a[(lo + hi) >>> 1];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (pivot < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Quickselect with NaN as the largest value: the k-th smallest of a[lo..hi], in place. */
function selectWithNaN(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (less(a[i], pivot)) i++;
      while (less(pivot, a[j])) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function less(x: number, y: number): boolean {
  return x < y || (y !== y && x === x);
}

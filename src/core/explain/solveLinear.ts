/**
 * Solves A X = B for a small symmetric positive semi-definite A (n x n, row-major) and k
 * right-hand sides (B n x k, row-major) by Gaussian elimination with partial pivoting. A
 * singular A (a player never separated from another by the sampled coalitions) gets a tiny
 * ridge, which picks the least-norm-like solution instead of failing.
 */
export function solveLinear(A: Float64Array, B: Float64Array, n: number, k: number): Float64Array {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(A[i * n + i]));
  const solution = eliminate(A, B, n, k, scale * 1e-12);
  if (solution) return solution;
  const ridged = Float64Array.from(A);
  for (let i = 0; i < n; i++) ridged[i * n + i] += scale * 1e-9 || 1e-12;
  return eliminate(ridged, B, n, k, 0) ?? new Float64Array(n * k);
}

function eliminate(A0: Float64Array, B0: Float64Array, n: number, k: number, tiny: number): Float64Array | null {
  const A = Float64Array.from(A0);
  const B = Float64Array.from(B0);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r * n + col]) > Math.abs(A[pivot * n + col])) pivot = r;
    if (!(Math.abs(A[pivot * n + col]) > tiny)) return null;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) swap(A, pivot * n + c, col * n + c);
      for (let c = 0; c < k; c++) swap(B, pivot * k + c, col * k + c);
    }
    const d = A[col * n + col];
    for (let r = col + 1; r < n; r++) {
      const f = A[r * n + col] / d;
      if (f === 0) continue;
      for (let c = col; c < n; c++) A[r * n + c] -= f * A[col * n + c];
      for (let c = 0; c < k; c++) B[r * k + c] -= f * B[col * k + c];
    }
  }
  const X = new Float64Array(n * k);
  for (let r = n - 1; r >= 0; r--) {
    for (let c = 0; c < k; c++) {
      let s = B[r * k + c];
      for (let j = r + 1; j < n; j++) s -= A[r * n + j] * X[j * k + c];
      X[r * k + c] = s / A[r * n + r];
    }
  }
  return X;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

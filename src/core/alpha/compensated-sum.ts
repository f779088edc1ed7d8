/**
 * Neumaier's compensated summation: the running error of each addition is carried separately, so
 * a sum of many terms (thousands of features) keeps ~1 ulp accuracy instead of ~n ulp. Used by the
 * entropy-type alpha metrics, whose references (R `rowSums` in long double, numpy pairwise sums)
 * are more accurate than a naive loop.
 * Reference: Neumaier A (1974) Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen. ZAMM 54:39-51. doi:10.1002/zamm.19740540106
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}

/**
 * Area under the ROC curve of `scores` for 0/1 `labels` (the Mann-Whitney statistic, ties
 * counted half). NaN when either class is absent: the figure does not exist then.
 */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((_, index) => index).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let at = start; at <= end; at += 1) {
      if (labels[order[at]!] === 1) {
        positives += 1;
        rankSum += rank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Share of predictions on the right side of `threshold` (a score above it means 1). */
export const accuracy = (
  scores: readonly number[],
  labels: readonly number[],
  threshold = 0.5,
): number =>
  scores.reduce(
    (hits, score, index) => hits + Number((score > threshold ? 1 : 0) === labels[index]),
    0,
  ) / scores.length;

/** Mean absolute error. */
export const meanAbsoluteError = (
  predicted: readonly number[],
  actual: readonly number[],
): number =>
  predicted.reduce((sum, value, index) => sum + Math.abs(value - actual[index]!), 0) /
  predicted.length;

export const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

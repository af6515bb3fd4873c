/** The metric definitions every report states (SDMetrics' definitions). */
export const DEFINITIONS: Record<string, string> = {
  KSComplement: 'KSComplement = 1 − D, D = sup_x |F_real(x) − F_synthetic(x)| (two-sample Kolmogorov–Smirnov statistic on numerical and datetime columns; missing values dropped).',
  TVComplement: 'TVComplement = 1 − ½ Σ_ω |R_ω − S_ω|, R_ω and S_ω the shares of category ω in the real and synthetic column (categorical and boolean columns; missing is a category).',
  CorrelationSimilarity: 'CorrelationSimilarity = 1 − |S_AB − R_AB| / 2, R_AB and S_AB the Pearson (or Spearman) correlations of columns A and B in the real and synthetic data (pairs of numerical/datetime columns).',
  ContingencySimilarity: 'ContingencySimilarity = 1 − ½ Σ_α Σ_β |R_αβ − S_αβ| over the joint frequency table of A and B; continuous columns are first cut into 10 equal-width bins over the real range with open outer edges (every other pair).',
  BoundaryAdherence: 'BoundaryAdherence = share of synthetic values inside [min, max] of the real column (numerical and datetime; missing ignored).',
  CategoryAdherence: 'CategoryAdherence = share of synthetic values that occur among the real categories (categorical and boolean).',
  KeyUniqueness: 'KeyUniqueness = distinct non-missing synthetic keys / synthetic rows (id columns).',
  TableStructure: 'TableStructure = |real columns ∩ synthetic columns| / |real columns ∪ synthetic columns|.',
  DCR: 'DCR (distance to closest record) of a synthetic row = min over reference rows of the mean per-column distance: |a − b| / (real max − real min), capped at 1, for numerical/datetime; 0 if equal else 1 for categorical/boolean; 0 if both missing, 1 if one is.',
  DCRBaselineProtection: 'DCRBaselineProtection = min(1, median DCR(synthetic → real) / median DCR(random → real)), the random rows drawn uniformly within each real column’s range or categories.',
  DCROverfittingProtection: 'DCROverfittingProtection = min(1, 2 · (1 − p)), p the share of synthetic rows closer (by DCR) to the training rows than to the holdout rows.',
  NewRowSynthesis: 'NewRowSynthesis = share of synthetic rows that match no real row; a match means every categorical value equal (missing equals missing) and every numerical value within 0.01·|synthetic value|.',
  MLEfficacy: 'ML efficacy = a model trained on synthetic rows and tested on real rows: F1 (binary target), macro-F1 (multiclass) or R² (numerical), beside the same model trained on real rows.',
};

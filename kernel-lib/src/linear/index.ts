/** Linear models for generated data (OLS, ridge, R²), their figure, and the linear algebra under them. */
export { LinearRegression, Ridge, r2Score } from './models';
export type { Targets, LinearModelOptions } from './models';
export { coefficientsPlot, predictionsPlot, regressionFigure } from './plot';
export {
  matmul, columnMeans, crossProducts, qrEconomic, orthonormalize, symmetricEigen, cholesky, choleskySolve, pseudoSolve,
} from './linalg';

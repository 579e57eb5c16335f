/** The inspect report: pure renderers, document(s) in, self-contained HTML out. */
export { renderReport, renderErrorReport, REPORT_CSP, type ReportOptions, type FailedPage } from './report.js';
export { renderIndex, type IndexEntry, type IndexOptions } from './index-page.js';
export { checkGold, type GoldCheck, type CheckedLabel } from './compare.js';
export { parseGoldFile, goldEntryFor, pageIdOf, GoldFileError } from './gold.js';
export { escapeHtml, linkableUrl } from './html.js';
export { CLASS_STYLES, REPORT_CLASSES, type ReportClass } from './theme.js';

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { opsCommand, OPS_USAGE } from './ops-cli';

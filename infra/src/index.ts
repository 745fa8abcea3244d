export {
  type ConnectionEnv,
  connectionEnv,
  type InfraConfig,
  InfraConfigError,
  loadInfraConfig,
  repoRoot,
} from './config.ts';
export { InfraError, type Log } from './proc.ts';
export {
  type ComponentName,
  componentNames,
  down,
  type StatusRow,
  status,
  type UpResult,
  up,
} from './stack.ts';

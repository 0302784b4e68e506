export { CloseCode, type GatewaySessionInfo, Intent, type ShardFilter } from './gateway.ts';
export * as rules from './rules/index.ts';
export { Simulator, startSimulator } from './simulator.ts';
export type * from './types.ts';

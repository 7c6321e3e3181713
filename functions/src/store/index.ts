export * from './errors';
export * from './keys';
export * from './mapping';
export * from './plan-store';
export * from './link-store';
export * from './tables';
export * from './audit-store';
export * from './nudge-store';

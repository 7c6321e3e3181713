export * from './directory';
export * from './errors';
export * from './graph-directory';
export * from './org-chart';
export { TenantClients } from './tenant-clients';
export * from './meeting-members';

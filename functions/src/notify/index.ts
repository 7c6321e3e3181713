export * from './activity-feed';

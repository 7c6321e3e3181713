export * from './verifier';
export * from './profiles';

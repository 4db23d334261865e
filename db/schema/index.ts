export * from './catalogue.ts';
export * from './regions.ts';
export * from './observations.ts';
export * from './scores.ts';
export * from './audit.ts';

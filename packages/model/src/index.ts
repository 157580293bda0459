export * from './types';
export * from './fields';
export * from './contract';
export * from './issues';
export { fold } from './text';
export * from './measures';

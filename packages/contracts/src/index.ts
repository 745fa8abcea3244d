export * from './envelope.ts';
export * from './events.ts';
export * from './examples.ts';
export * from './http.ts';
export * from './questionnaire.ts';
export * from './shared.ts';
export * as healthInformationTaxonomy from './taxonomy/health-information.ts';
export * from './topics.ts';
export * from './validate.ts';

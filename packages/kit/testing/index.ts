export { describeServiceBasics, describeServiceReadiness, type ServiceUnderTest } from './service-suite.ts';

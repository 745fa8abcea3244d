import { describeServiceBasics } from '@belong/kit/testing';
import { buildForExport, service } from '../src/app.ts';

describeServiceBasics(
  { ...service, openApiFile: new URL('../../../docs/api/profile.openapi.yaml', import.meta.url) },
  buildForExport,
);

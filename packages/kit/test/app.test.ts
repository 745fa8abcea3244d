import { describe, expect, it } from '@jest/globals';
import { createServiceApp, listenOptionsFromEnv } from '../src/index.ts';

describe('service app', () => {
  it('answers /health with the service name and version', async () => {
    const app = createServiceApp({ name: 'profile', version: '1.2.3' });
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', service: 'profile', version: '1.2.3' });
    await app.close();
  });

  it('names PORT when it is not a port number', () => {
    expect(() => listenOptionsFromEnv(3001, { PORT: 'eighty' })).toThrow(/PORT must be a port number/);
    expect(listenOptionsFromEnv(3001, {})).toEqual({ host: '127.0.0.1', port: 3001 });
    expect(listenOptionsFromEnv(3001, { PORT: '4000', HOST: '0.0.0.0' })).toEqual({
      host: '0.0.0.0',
      port: 4000,
    });
  });
});

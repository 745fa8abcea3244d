import { describe, expect, it } from '@jest/globals';
import { connectionEnv, InfraConfigError, loadInfraConfig } from '../src/config.ts';

describe('infra config', () => {
  it('defaults to loopback ports and a state folder in the repository', () => {
    const config = loadInfraConfig({ HOME: '/home/x' });
    expect(config.kafka).toMatchObject({ port: 9092, controllerPort: 9093, version: '3.9.1' });
    expect(config.stateDir).toMatch(/\.belong$/);
    expect(config.cacheDir).toBe('/home/x/.cache/belong');
    expect(connectionEnv(config)).toEqual({
      KAFKA_BROKERS: '127.0.0.1:9092',
      MONGO_URL: 'mongodb://127.0.0.1:27017',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SMTP_URL: 'smtp://127.0.0.1:1025',
      MAILBOX_URL: 'http://127.0.0.1:8025',
    });
  });

  it('moves ports and folders with variables', () => {
    const config = loadInfraConfig({
      REDIS_PORT: '16379',
      BELONG_STATE_DIR: '/tmp/s',
      BELONG_CACHE_DIR: '/tmp/c',
    });
    expect(config.redis.port).toBe(16379);
    expect(config.logDir).toBe('/tmp/s/logs');
    expect(config.cacheDir).toBe('/tmp/c');
    expect(connectionEnv(config).REDIS_URL).toBe('redis://127.0.0.1:16379');
  });

  it('uses the user’s own servers when their addresses are given', () => {
    const env = connectionEnv(
      loadInfraConfig({ KAFKA_BROKERS: 'k1:9092,k2:9092', MONGO_URL: 'mongodb://db.internal/belong' }),
    );
    expect(env.KAFKA_BROKERS).toBe('k1:9092,k2:9092');
    expect(env.MONGO_URL).toBe('mongodb://db.internal/belong');
  });

  it.each([
    [{ KAFKA_PORT: 'ninety' }, /KAFKA_PORT must be a port number/],
    [{ MONGO_PORT: '70000' }, /MONGO_PORT must be a port number/],
    [{ KAFKA_VERSION: '4.0.0' }, /KAFKA_VERSION/],
    [{ KAFKA_PORT: '9500', KAFKA_CONTROLLER_PORT: '9500' }, /must differ/],
    [{ SMTP_URL: 'smtp://mail:25' }, /MAILBOX_URL/],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => loadInfraConfig(env)).toThrow(InfraConfigError);
    expect(() => loadInfraConfig(env)).toThrow(message);
  });
});

import { describe, expect, it } from '@jest/globals';
import { Type } from '@sinclair/typebox';
import {
  BaseConfigSchema,
  ConfigError,
  kafkaBrokers,
  loadConfig,
  offlineEnv,
  publicUrl,
} from '../../src/http/index.ts';

const valid = {
  PORT: '3001',
  MONGO_URL: 'mongodb://127.0.0.1:27017/profile',
  REDIS_URL: 'redis://127.0.0.1:6379',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
  SIGNING_SECRET: 's'.repeat(32),
};

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(BaseConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('names every missing or bad variable and why, in one message', () => {
    const { SIGNING_SECRET: _, ...withoutSecret } = valid;
    const error = configError({ ...withoutSecret, PORT: 'abc' });
    expect(error.message).toBe('invalid configuration: PORT must be an integer; SIGNING_SECRET is required');
    expect(error.problems).toEqual(['PORT must be an integer', 'SIGNING_SECRET is required']);
  });

  it('explains enums, lengths, URLs and booleans without echoing the values', () => {
    const error = configError({
      ...valid,
      NODE_ENV: 'prod',
      SIGNING_SECRET: 'short-secret',
      MONGO_URL: 'http://db',
      TRUST_PROXY: 'maybe',
    });
    expect(error.problems).toEqual([
      'NODE_ENV must be one of development, test, production',
      'MONGO_URL must be a mongodb:// or mongodb+srv:// URL',
      'SIGNING_SECRET must be at least 32 characters long',
      'TRUST_PROXY must be true or false',
    ]);
    expect(error.message).not.toContain('short-secret');
  });

  it('coerces numbers and booleans, applies defaults and drops variables it does not know', () => {
    const config = loadConfig(BaseConfigSchema, { ...valid, TRUST_PROXY: 'true', PATH: '/usr/bin' });
    expect(config).toEqual({
      ...valid,
      PORT: 3001,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: 300,
      MAX_IN_FLIGHT_REQUESTS: 256,
      BODY_LIMIT_BYTES: 262144,
      REDIS_KEY_PREFIX: 'belong:',
      TRUST_PROXY: true,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(BaseConfigSchema, { ...valid, LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
    expect(configError({ ...valid, SIGNING_SECRET: '' }).problems).toEqual(['SIGNING_SECRET is required']);
  });

  it('lets a service add variables and give PORT its own default', () => {
    const ProfileConfigSchema = Type.Object({
      ...BaseConfigSchema.properties,
      PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3001 }),
      VERIFY_TTL_HOURS: Type.Integer({ minimum: 1, default: 48 }),
    });
    const { PORT: _, ...withoutPort } = valid;
    const config = loadConfig(ProfileConfigSchema, { ...withoutPort, VERIFY_TTL_HOURS: '12' });
    expect(config.PORT).toBe(3001);
    expect(config.VERIFY_TTL_HOURS).toBe(12);
    // The shared schema object is left as it was for the next service.
    expect(BaseConfigSchema.additionalProperties).toBeUndefined();
  });

  it('gives the public URL and the broker list their usable shapes', () => {
    const config = loadConfig(BaseConfigSchema, valid);
    expect(publicUrl(config)).toBe('http://127.0.0.1:3001');
    expect(publicUrl({ ...config, PUBLIC_URL: 'https://belong.example/' })).toBe('https://belong.example');
    expect(kafkaBrokers(config)).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
  });

  it('accepts the offline environment used to build apps without servers', () => {
    expect(loadConfig(BaseConfigSchema, offlineEnv()).PORT).toBe(0);
  });
});

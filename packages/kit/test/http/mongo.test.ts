import { describe, expect, it } from '@jest/globals';
import { databaseOf } from '../../src/http/mongo.ts';

describe('databaseOf', () => {
  it.each([
    ['mongodb://127.0.0.1:27017', undefined],
    ['mongodb://127.0.0.1:27017/', undefined],
    ['mongodb://a:1,b:2/?replicaSet=rs0', undefined],
    ['mongodb://127.0.0.1:27017/belong_profile', 'belong_profile'],
    ['mongodb+srv://user:p%40ss@cluster.example/my%20db?retryWrites=true', 'my db'],
  ])('%s → %s', (url, database) => {
    expect(databaseOf(url)).toBe(database);
  });
});

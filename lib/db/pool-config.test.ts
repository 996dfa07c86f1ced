import { describe, expect, it } from 'vitest';
import { poolConfig } from './pool-config';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const URL_ = 'postgres://hearth:s3cret@pooler.example.com:6543/postgres';

describe('poolConfig', () => {
  it('parses the connection string itself, so nothing of it can override the merged settings', () => {
    const config = poolConfig(URL_, { max: 3 });
    expect(config).toMatchObject({
      host: 'pooler.example.com',
      port: 6543,
      user: 'hearth',
      password: 's3cret',
      database: 'postgres',
      max: 3,
    });
    expect(config.connectionString).toBeUndefined();
  });

  it('adds DATABASE_CA_CERT to what sslmode=require asks for (verified, as pg reads require)', () => {
    const { ssl } = poolConfig(`${URL_}?sslmode=require`, { caCert: CA });
    expect(ssl).toEqual({ ca: CA });
  });

  it('turns TLS on with the CA when the string has no sslmode', () => {
    expect(poolConfig(URL_, { caCert: CA }).ssl).toEqual({ ca: CA });
    expect(poolConfig(URL_).ssl).toBeUndefined();
  });

  it('keeps sslmode=no-verify unverified and sslmode=disable off, CA or not', () => {
    expect(poolConfig(`${URL_}?sslmode=no-verify`, { caCert: CA }).ssl).toEqual({ rejectUnauthorized: false, ca: CA });
    expect(poolConfig(`${URL_}?sslmode=disable`, { caCert: CA }).ssl).toBe(false);
  });
});

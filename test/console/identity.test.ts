import { describe, expect, it } from 'vitest';
import { maskPath } from '../../lambdas/console/app.ts';
import { jwtIdentity } from '../../lambdas/console/handler.ts';

describe('who is asking (AWS)', () => {
  it('reads the Cognito groups as API Gateway passes them, a manager winning over an agent', () => {
    expect(jwtIdentity({ 'cognito:groups': '[agents managers]', 'cognito:username': 'dana' })).toEqual({
      name: 'dana',
      role: 'manager',
    });
    expect(jwtIdentity({ 'cognito:groups': ['agents'], email: 'ana@example.com' })).toEqual({
      name: 'ana@example.com',
      role: 'agent',
    });
  });

  it('lets nobody in without a console group or without claims', () => {
    expect(jwtIdentity({ 'cognito:groups': '[billing]', sub: 'x' })).toBeNull();
    expect(jwtIdentity({ sub: 'x' })).toBeNull();
    expect(jwtIdentity(undefined)).toBeNull();
  });
});

describe('request logs', () => {
  it('mask phone numbers in paths', () => {
    expect(maskPath('/api/callers/+13125550142')).toBe('/api/callers/+131******42');
    expect(maskPath('/api/callers/%2B13125550142')).not.toContain('3125550142');
    expect(maskPath('/api/tickets/T-4K7QX2')).toBe('/api/tickets/T-4K7QX2');
  });
});

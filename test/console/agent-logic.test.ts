import { describe, expect, it } from 'vitest';
import { type ContactLike, callerNumber, ccpOptions, watchIncoming } from '../../web/src/agent-logic.ts';

/** A stand-in for amazon-connect-streams' `connect` global: contacts are pushed by the test. */
function stubConnect() {
  const subscribers: Array<(c: ContactLike) => void> = [];
  return {
    connect: { contact: (cb: (c: ContactLike) => void) => subscribers.push(cb) },
    ring(id: string, phoneNumber: string | undefined, type = 'voice') {
      const handlers: Record<string, (c: ContactLike) => void> = {};
      const contact: ContactLike = {
        getContactId: () => id,
        getType: () => type,
        getInitialConnection: () => ({ getEndpoint: () => ({ phoneNumber }) }),
        onConnecting: (cb) => {
          handlers.connecting = cb;
        },
        onIncoming: (cb) => {
          handlers.incoming = cb;
        },
        onEnded: (cb) => {
          handlers.ended = cb;
        },
      };
      for (const s of subscribers) s(contact);
      return {
        connecting: () => handlers.connecting?.(contact),
        incoming: () => handlers.incoming?.(contact),
        ended: () => handlers.ended?.(contact),
      };
    },
  };
}

describe('agent view', () => {
  it("shows the caller's number once when a voice call rings, and clears it when it ends", () => {
    const stub = stubConnect();
    const calls: unknown[] = [];
    const ended: string[] = [];
    watchIncoming(
      stub.connect,
      (c) => calls.push(c),
      (id) => ended.push(id),
    );
    const c = stub.ring('contact-1', 'sip:+13125550142@connect');
    c.connecting();
    c.incoming();
    c.ended();
    expect(calls).toEqual([{ contactId: 'contact-1', phone: '+13125550142' }]);
    expect(ended).toEqual(['contact-1']);
  });

  it('ignores chats and tasks, and treats an anonymous caller as withheld', () => {
    const stub = stubConnect();
    const calls: unknown[] = [];
    watchIncoming(stub.connect, (c) => calls.push(c));
    stub.ring('chat-1', undefined, 'chat').connecting();
    stub.ring('contact-2', 'anonymous').connecting();
    expect(calls).toEqual([{ contactId: 'contact-2', phone: null }]);
    expect(callerNumber({ phoneNumber: '+8613800138077' })).toBe('+8613800138077');
  });

  it("points the softphone at the instance's CCP", () => {
    expect(ccpOptions('https://brightline.my.connect.aws/').ccpUrl).toBe(
      'https://brightline.my.connect.aws/ccp-v2/',
    );
  });
});

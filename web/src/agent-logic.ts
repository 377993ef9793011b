import { E164_SYNTAX } from '../../lambdas/domain/caller-id.ts';

/** E.164 inside a longer address (`sip:+13125550142@…`). */
const E164_ANYWHERE = new RegExp(E164_SYNTAX.source.slice(1, -1));
/**
 * The agent view's logic around amazon-connect-streams, kept free of the DOM so it can be tested with a
 * stubbed `connect` global: which calls to show, and the caller's number from the contact.
 */

export interface EndpointLike {
  phoneNumber?: string;
}
export interface ContactLike {
  getContactId(): string;
  getType?(): string;
  getInitialConnection(): { getEndpoint(): EndpointLike } | null;
  onConnecting(cb: (c: ContactLike) => void): void;
  onIncoming?(cb: (c: ContactLike) => void): void;
  onEnded?(cb: (c: ContactLike) => void): void;
}
export interface ConnectLike {
  contact(cb: (c: ContactLike) => void): void;
}

export interface IncomingCall {
  contactId: string;
  /** E.164, or null for a withheld number. */
  phone: string | null;
}

/** The caller's E.164 number from an endpoint (`+13125550142`, `sip:+13125550142@…`), or null. */
export function callerNumber(endpoint: EndpointLike | undefined): string | null {
  const m = E164_ANYWHERE.exec(endpoint?.phoneNumber ?? '');
  return m ? m[0] : null;
}

/**
 * Calls `onCall` once per voice contact as it starts ringing (softphone: onConnecting; a queued
 * callback: onIncoming), and `onEnd` when it ends. Chat and task contacts are ignored.
 */
export function watchIncoming(
  connect: ConnectLike,
  onCall: (call: IncomingCall) => void,
  onEnd: (contactId: string) => void = () => {},
): void {
  const seen = new Set<string>();
  connect.contact((contact) => {
    const show = (c: ContactLike) => {
      const id = c.getContactId();
      if (seen.has(id)) return;
      if (c.getType && c.getType() !== 'voice') return;
      seen.add(id);
      onCall({ contactId: id, phone: callerNumber(c.getInitialConnection()?.getEndpoint()) });
    };
    contact.onConnecting(show);
    contact.onIncoming?.(show);
    contact.onEnded?.((c) => onEnd(c.getContactId()));
  });
}

/** The options the console gives initCCP: the instance's CCP, sign-in in a pop-up, the softphone framed here. */
export function ccpOptions(connectUrl: string) {
  return {
    ccpUrl: `${connectUrl.replace(/\/+$/, '')}/ccp-v2/`,
    loginPopup: true,
    loginPopupAutoClose: true,
    softphone: { allowFramedSoftphone: true },
    pageOptions: { enableAudioDeviceSettings: true, enablePhoneTypeSettings: true },
  };
}

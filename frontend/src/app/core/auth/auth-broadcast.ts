import { Injectable, type OnDestroy } from '@angular/core';

export const AUTH_CHANNEL_NAME = 'oth-auth';

export interface AuthBroadcastMessage {
  readonly type: 'logout';
}

function isAuthBroadcastMessage(value: unknown): value is AuthBroadcastMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'logout';
}

/**
 * Tells the other tabs of this origin that the user signed out (`BroadcastChannel('oth-auth')`), and
 * hears them. A no-op where BroadcastChannel does not exist.
 */
@Injectable({ providedIn: 'root' })
export class AuthBroadcast implements OnDestroy {
  private readonly channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(AUTH_CHANNEL_NAME) : null;
  private readonly listeners = new Set<(message: AuthBroadcastMessage) => void>();

  constructor() {
    if (this.channel) {
      this.channel.onmessage = (event: MessageEvent<unknown>) => {
        if (isAuthBroadcastMessage(event.data)) {
          const message = event.data;
          this.listeners.forEach((listener) => listener(message));
        }
      };
    }
  }

  post(message: AuthBroadcastMessage): void {
    this.channel?.postMessage(message);
  }

  listen(listener: (message: AuthBroadcastMessage) => void): void {
    this.listeners.add(listener);
  }

  ngOnDestroy(): void {
    this.listeners.clear();
    this.channel?.close();
  }
}

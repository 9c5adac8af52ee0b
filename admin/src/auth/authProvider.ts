import type { AuthProvider } from 'react-admin';

import { clearApiToken, readApiToken, saveApiToken } from './apiToken';

/**
 * Signs in with a Strapi API token (Settings → API Tokens in the Strapi admin). The token is not
 * checked here: the first request that Strapi answers with 401 signs the user out again.
 */
export const authProvider: AuthProvider = {
  login: async ({ apiToken }: { apiToken?: string }) => {
    if (!apiToken?.trim()) throw new Error('ar.auth.token_required');
    saveApiToken(apiToken);
  },

  logout: async () => {
    clearApiToken();
  },

  checkAuth: async () => {
    if (!readApiToken()) throw new Error('ar.auth.token_required');
  },

  /** Only 401 signs out; a 403 means the token lacks a permission and is shown as an error. */
  checkError: async (error: { status?: number }) => {
    if (error?.status === 401) {
      clearApiToken();
      throw new Error('ar.errors.unauthorized');
    }
  },

  getPermissions: async () => undefined,
};

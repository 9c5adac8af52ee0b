/** Where the Strapi API token lives in the browser. Cleared on logout and on a 401. */
export const API_TOKEN_KEY = 'huikuan.apiToken';

export const readApiToken = (): string | null => {
  const token = window.localStorage.getItem(API_TOKEN_KEY)?.trim();
  return token ? token : null;
};

export const saveApiToken = (token: string): void => {
  window.localStorage.setItem(API_TOKEN_KEY, token.trim());
};

export const clearApiToken = (): void => {
  window.localStorage.removeItem(API_TOKEN_KEY);
};

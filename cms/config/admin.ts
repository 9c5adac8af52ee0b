export default ({ env }: { env: any }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'huikuan-dev-admin-jwt-secret') },
  apiToken: { salt: env('API_TOKEN_SALT', 'huikuan-dev-api-token-salt') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'huikuan-dev-transfer-salt') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'huikuan-dev-encryption-key-32ch') },
  flags: { nps: false, promoteEE: false, docLinks: false },
  autoOpen: false,
});

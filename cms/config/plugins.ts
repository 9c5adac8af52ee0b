import { secret } from './secrets';

export default () => ({
  'users-permissions': {
    config: { jwtSecret: secret('JWT_SECRET') },
  },
  collections: {
    enabled: true,
    resolve: '../plugins/collections',
  },
  scoring: {
    enabled: true,
    resolve: '../plugins/scoring',
  },
});

/** Shared pieces of the benchmarks. */

/** Removes a run's BullMQ keys: a shared Redis keeps nothing of a benchmark. */
const dropQueueKeys = async (redisUrl, prefix) => {
  const IORedis = require('ioredis');
  const redis = new IORedis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
};

module.exports = { dropQueueKeys };

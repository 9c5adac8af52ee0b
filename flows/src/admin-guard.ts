/**
 * The editor server's own guards around Node-RED's admin API: flows are checked before a
 * deploy reaches Node-RED (which would save almost any JSON as the flow file), and errors
 * are answered as JSON without stack traces or file paths.
 */
import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Router,
} from 'express';
import { findFlowProblem, findSingleFlowProblem } from './flow-check';
import type { EmbeddedRed } from './node-red-embedded';

/** Node-RED's own default size limit of admin API bodies (settings.apiMaxLength). */
const ADMIN_BODY_LIMIT = '5mb';

/** The node list a POST /flows deploys, by API version; undefined when it deploys none. */
function deployedNodes(req: Request): { check: boolean; nodes?: unknown } {
  if (req.get('Node-RED-Deployment-Type') === 'reload') return { check: false };
  const version = req.get('Node-RED-API-Version') ?? 'v1';
  if (version === 'v1') return { check: true, nodes: req.body };
  if (version === 'v2') {
    const body: unknown = req.body;
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    return { check: true, nodes: isObject ? (body as { flows?: unknown }).flows : undefined };
  }
  // Node-RED refuses an unknown API version itself.
  return { check: false };
}

const refuseFlow = (res: express.Response, problem: string): void => {
  res.status(400).json({
    code: 'invalid_flow',
    message: `流程无效，未保存 / not a valid flow, nothing was saved: ${problem}`,
  });
};

/**
 * Routes mounted before Node-RED's admin app: the routes that write flows parse the body,
 * check it, and either refuse it with a JSON 400 naming the problem or pass it on to
 * Node-RED (whose body parser then finds it parsed).
 */
export function flowWriteGuard(RED: EmbeddedRed): Router {
  const router = express.Router();
  const parse = express.json({ limit: ADMIN_BODY_LIMIT });
  const canWrite = RED.auth.needsPermission('flows.write');
  const knownType = (type: string): boolean => RED.nodes.getType(type) !== undefined;

  const checkDeploy: RequestHandler = (req, res, next) => {
    const { check, nodes } = deployedNodes(req);
    const problem = check ? findFlowProblem(nodes, knownType) : null;
    if (problem === null) next();
    else refuseFlow(res, problem);
  };
  const checkOneFlow: RequestHandler = (req, res, next) => {
    const problem = findSingleFlowProblem(req.body, knownType);
    if (problem === null) next();
    else refuseFlow(res, problem);
  };

  router.post('/flows', canWrite, parse, checkDeploy);
  router.post('/flow', canWrite, parse, checkOneFlow);
  router.put('/flow/:id', canWrite, parse, checkOneFlow);
  return router;
}

interface HttpError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
}

const statusOf = (err: HttpError): number => {
  const status = Number(err.status ?? err.statusCode);
  return Number.isInteger(status) && status >= 400 && status < 600 ? status : 500;
};

/** What a client may read of a failed request: never a stack trace or a path. */
function clientError(err: HttpError, status: number): { code: string; message: string } {
  if (err.type === 'entity.parse.failed') {
    return {
      code: 'invalid_json',
      message: '请求内容不是有效的 JSON / the request body is not valid JSON',
    };
  }
  if (err.type === 'entity.too.large') {
    return {
      code: 'too_large',
      message: `请求内容过大 / the request body is larger than ${ADMIN_BODY_LIMIT}`,
    };
  }
  if (status < 500) return { code: 'bad_request', message: '请求无效 / the request is invalid' };
  return { code: 'unexpected_error', message: '服务器内部错误 / internal error, see the log' };
}

/** The last handler of the editor server: errors become JSON, server errors are logged. */
export function jsonErrors(RED: EmbeddedRed): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const httpError = (typeof err === 'object' && err !== null ? err : {}) as HttpError;
    const status = statusOf(httpError);
    if (status >= 500)
      RED.log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    res.status(status).json(clientError(httpError, status));
  };
}

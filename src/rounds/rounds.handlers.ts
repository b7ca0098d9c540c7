import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './rounds.routes';
import * as service from './rounds.service';
import { runRoundJob } from './rounds.jobs';

const privateNoStore = (c: { header: (k: string, v: string) => void }) => c.header('Cache-Control', 'private, no-store');

export const create: AppRouteHandler<typeof routes.create> = async (c) => c.json(await service.createRound(c.get('deps'), c.get('user'), c.req.valid('json')), 201);

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  privateNoStore(c);
  return c.json(await service.listRounds(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  privateNoStore(c);
  return c.json(await service.getRound(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const update: AppRouteHandler<typeof routes.update> = async (c) =>
  c.json(await service.updateRound(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);

export const setPositions: AppRouteHandler<typeof routes.setPositions> = async (c) =>
  c.json(await service.setRoundPositions(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);

export const listPositions: AppRouteHandler<typeof routes.listPositions> = async (c) => {
  privateNoStore(c);
  return c.json(await service.listRoundPositions(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('query')), 200);
};

export const setTalents: AppRouteHandler<typeof routes.setTalents> = async (c) =>
  c.json(await service.setRoundTalents(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);

export const listTalents: AppRouteHandler<typeof routes.listTalents> = async (c) => {
  privateNoStore(c);
  return c.json(await service.listRoundTalents(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('query')), 200);
};

export const open: AppRouteHandler<typeof routes.open> = async (c) => c.json(await service.openRound(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);

// The run is a job: a worker thread on Node (src/rounds/rounds.jobs.ts); the answer is unchanged.
export const run: AppRouteHandler<typeof routes.run> = async (c) => c.json(await runRoundJob(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);

export const result: AppRouteHandler<typeof routes.result> = async (c) => {
  privateNoStore(c);
  return c.json(await service.getRoundResult(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('query')), 200);
};

export const roundProposals: AppRouteHandler<typeof routes.roundProposals> = async (c) => {
  privateNoStore(c);
  return c.json(await service.listRoundProposals(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('query')), 200);
};

export const publish: AppRouteHandler<typeof routes.publish> = async (c) => c.json(await service.publishRound(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);

export const close: AppRouteHandler<typeof routes.close> = async (c) => c.json(await service.closeRound(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);

export const getChoices: AppRouteHandler<typeof routes.getChoices> = async (c) => {
  privateNoStore(c);
  return c.json(await service.getMyChoices(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const putChoices: AppRouteHandler<typeof routes.putChoices> = async (c) =>
  c.json(await service.submitChoices(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json').positionIds), 200);

export const deleteChoices: AppRouteHandler<typeof routes.deleteChoices> = async (c) =>
  c.json(await service.withdrawChoices(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);

export const myRounds: AppRouteHandler<typeof routes.myRounds> = async (c) => {
  privateNoStore(c);
  return c.json(await service.listMyRounds(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const myProposals: AppRouteHandler<typeof routes.myProposals> = async (c) => {
  privateNoStore(c);
  return c.json(await service.listMyProposals(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const employerProposals: AppRouteHandler<typeof routes.employerProposals> = async (c) => {
  privateNoStore(c);
  return c.json(await service.listEmployerProposals(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getProposal: AppRouteHandler<typeof routes.getProposal> = async (c) => {
  privateNoStore(c);
  return c.json(await service.getProposal(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const respond: AppRouteHandler<typeof routes.respond> = async (c) =>
  c.json(await service.respondToProposal(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json').decision), 200);

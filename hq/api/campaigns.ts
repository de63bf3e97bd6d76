/** The campaigns routes of the HQ API, by name; writes carry the session's CSRF token. */
import { CampaignRoutes, type CampaignDraft } from '../../cloud/hq-api';
import { call } from './client';

const one = (path: string, id: string) => path.replace(':campaignId', encodeURIComponent(id));

export const campaignsApi = {
  list: () => call(CampaignRoutes.list.response, CampaignRoutes.list.path),
  result: (id: string) => call(CampaignRoutes.result.response, one(CampaignRoutes.result.path, id)),
  preview: (draft: CampaignDraft, csrf: string) =>
    call(CampaignRoutes.preview.response, CampaignRoutes.preview.path, {
      method: 'POST',
      body: JSON.stringify(draft),
      csrf,
    }),
  create: (draft: CampaignDraft, csrf: string) =>
    call(CampaignRoutes.create.response, CampaignRoutes.create.path, {
      method: 'POST',
      body: JSON.stringify(draft),
      csrf,
    }),
  launch: (id: string, csrf: string) =>
    call(CampaignRoutes.launch.response, one(CampaignRoutes.launch.path, id), {
      method: 'POST',
      csrf,
    }),
};

import { createRouter } from '../lib/openapi';
import * as handlers from './regions.handlers';
import * as routes from './regions.routes';

export const regionsRouter = createRouter()
  .openapi(routes.resolveName, handlers.resolveName)
  .openapi(routes.listRoots, handlers.listRoots)
  .openapi(routes.getRegion, handlers.getRegion)
  .openapi(routes.getChildren, handlers.getChildren)
  .openapi(routes.getAncestors, handlers.getAncestors);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { assertRegionExists, findRegion, ancestorsOf, assertRegionsExist } from './regions.repository';
export { regionFullNames, scopedRegionChoice, regionFullName, regionTrail, regionFullNamesIn } from './regions.service';
export { regionPicker, resolveRegionName, regionNamesIn, regionNameIn, REGION_NAME_MAX, type RegionPickerModel, type RegionLevel, type RegionOption } from './regions.picker';
export { romanise, regionName, pathName, asciiName, fileNamePart, type NameLang } from './regions.names';

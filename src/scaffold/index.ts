/** Scaffolding: create a site, add a node, upgrade a site to newer templates. */
export { createSite, type CreateSiteOptions, type CreateSiteResult } from "./create-site.js";
export { addNode, addNodeProcedure, type AddNodeOptions, type AddNodeResult } from "./add-node.js";
export { upgradeSite, formatUpgrade, type UpgradeOptions, type UpgradeResult, type FilePlan, type Action } from "./upgrade.js";
export { loadTemplateSet, DEFAULT_TEMPLATES_DIR, type TemplateSet, type Policy } from "./templates.js";
export type { SiteAnswers } from "./answers.js";
export { adopt, formatAdopt, type AdoptOptions, type AdoptResult } from "./adopt.js";

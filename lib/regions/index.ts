// GB/T 2260 regions: the table, lookups by code and name, and the resolver that places an
// agency from its name and the text of its report.
export { REGIONS, type Region, type RegionLevel } from "./data";
export { shortName, startsWithPlaceName } from "./names";
export { getRegion, regionChain, isAncestor, findRegionsByName, regionRef, type RegionRefOut } from "./lookup";
export { resolveRegion, type RegionResolution, type ResolveInput } from "./resolve";

"use client";
// MapTools loaded after the page (like the charts' Plot): its code is not first-load JS of the
// pages with a map tab. A server component's next/dynamic does not split it off; a client one does.
import dynamic from "next/dynamic";

const MapToolsLazy = dynamic(() => import("./MapTools"), { ssr: false, loading: () => <div className="min-h-8" aria-hidden /> });
export default MapToolsLazy;

"use client";
// MapTools loaded after the page (like the charts' Plot): its code is not first-load JS of the
// pages with a map tab. React.lazy behind a mounted flag (drawn in the browser only), not
// next/dynamic, whose loader runtime would itself add to the page's first load.
import { lazy, Suspense, useEffect, useState, type ComponentProps } from "react";

const MapTools = lazy(() => import("./MapTools"));
const Placeholder = () => <div className="min-h-8" aria-hidden />;

export default function MapToolsLazy(props: ComponentProps<typeof MapTools>) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return <Placeholder />;
  return (
    <Suspense fallback={<Placeholder />}>
      <MapTools {...props} />
    </Suspense>
  );
}

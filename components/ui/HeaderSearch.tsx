// The header's agency search: a plain GET form to the directory (/agencies?q=…), so it works
// without JavaScript and its result is a shareable URL. The directory's q splits on spaces and
// matches parts of names ("聊城 机关"). On a phone it takes its own row, with an icon button.
export function HeaderSearch() {
  return (
    <form role="search" aria-label="搜索机关" action="/agencies" method="get" className="flex w-full items-center sm:w-auto" data-testid="header-search">
      <label htmlFor="header-search-q" className="sr-only">
        搜索机关名称
      </label>
      <input
        id="header-search-q"
        name="q"
        type="search"
        placeholder="搜索机关，如：聊城 公安"
        enterKeyHint="search"
        autoComplete="off"
        className="h-8 min-w-0 flex-1 rounded-l-md border border-line bg-white px-2 text-sm sm:w-48 sm:flex-none"
      />
      <button type="submit" className="flex h-8 shrink-0 items-center rounded-r-md border border-l-0 border-line bg-paper px-2 text-sm text-ink hover:bg-line/40">
        <svg aria-hidden viewBox="0 0 20 20" width="16" height="16" className="sm:hidden" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="M13 13l4.5 4.5" strokeLinecap="round" />
        </svg>
        <span className="sr-only sm:not-sr-only">搜索</span>
      </button>
    </form>
  );
}

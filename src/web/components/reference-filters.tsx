import { Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { formatIsoDate, parseVietnameseDate } from '../format';

/**
 * The filters of a dated reference list (the directory, the legal register), kept in the URL: a search with or
 * without diacritics, a kind, and the date entries were in force on (typed dd/mm/yyyy). `onDate` is '' when no
 * date is typed and undefined while the typed date is invalid (the list should wait).
 */
export function useReferenceFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const [search, setSearch] = useState(searchParams.get('search') ?? '');
  const [onText, setOnText] = useState(formatIsoDate(searchParams.get('on')));
  const kind = searchParams.get('kind') ?? '';
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const onDate = onText.trim() ? parseVietnameseDate(onText) : '';
  // Changes build on the latest parameters, not on this render's: a status picked and a search typed before the
  // page re-rendered each kept only its own change (the e2e saw the draft filter dropped by the search after it).
  // React Router's functional form passes this render's parameters too.
  const latestParams = useRef(searchParams);
  useEffect(() => {
    latestParams.current = searchParams;
  }, [searchParams]);
  const updateParam = (key: string, value: string) => {
    const nextParams = new URLSearchParams(latestParams.current);
    if (value) nextParams.set(key, value);
    else nextParams.delete(key);
    latestParams.current = nextParams;
    setSearchParams(nextParams, { replace: true });
  };
  return {
    search,
    debouncedSearch,
    kind,
    onText,
    onDate,
    isDateInvalid: onDate === undefined,
    setSearch: (value: string) => {
      setSearch(value);
      updateParam('search', value.trim());
    },
    setKind: (value: string) => updateParam('kind', value),
    /** A filter of one list kept in the URL like the others. */
    param: (key: string) => searchParams.get(key) ?? '',
    setParam: updateParam,
    setOnText: (value: string) => {
      setOnText(value);
      const parsed = parseVietnameseDate(value);
      if (parsed || !value.trim()) updateParam('on', parsed ?? '');
    },
  };
}

/** The inputs of `useReferenceFilters`, labelled from the namespace's `search.*`, `filter.*` and `kinds.*` keys. */
export function ReferenceFilters({
  filters,
  namespace,
  kinds,
  children,
}: {
  filters: ReturnType<typeof useReferenceFilters>;
  namespace: string;
  kinds: readonly string[];
  /** Filters of one list only, after the kind (the register's status). */
  children?: ReactNode;
}) {
  const { t } = useTranslation(namespace);
  return (
    <Group align="flex-start" grow preventGrowOverflow={false}>
      <TextInput
        label={t('search.label')}
        description={t('search.help')}
        type="search"
        value={filters.search}
        onChange={(event) => filters.setSearch(event.currentTarget.value)}
      />
      <Select
        label={t('filter.kind')}
        description={t('filter.kindHelp')}
        placeholder={t('filter.allKinds')}
        data={kinds.map((value) => ({ value, label: t(`kinds.${value}`) }))}
        value={filters.kind || null}
        onChange={(value) => filters.setKind(value ?? '')}
        clearable
      />
      {children}
      <TextInput
        label={t('filter.on')}
        description={t('filter.onHelp')}
        placeholder="dd/mm/yyyy"
        value={filters.onText}
        error={filters.isDateInvalid ? t('filter.onInvalid') : undefined}
        onChange={(event) => filters.setOnText(event.currentTarget.value)}
      />
    </Group>
  );
}

import { MultiSelect, Select, type ComboboxItem, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../format';
import { useAllOrganizations } from './organization-link';

function useOrganizationOptions(includeFormer: boolean) {
  const { data } = useAllOrganizations();
  const { t } = useTranslation('directory');
  return useMemo(() => {
    const today = todayInVietnam();
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const organization of data ?? []) {
      const isFormer = organization.validTo !== null && organization.validTo < today;
      if (isFormer && !includeFormer) continue;
      const group = t(`kinds.${organization.kind}`, { defaultValue: organization.kind });
      const items = groups.get(group) ?? [];
      items.push({
        value: organization.id,
        label: organization.shortName ? `${organization.name} (${organization.shortName})` : organization.name,
      });
      groups.set(group, items);
    }
    return [...groups.entries()].map(([group, items]) => ({ group, items }));
  }, [data, includeFormer, t]);
}

/** A searchable picker of one organization in force today (search ignores diacritics). */
export function OrganizationSelect(props: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  required?: boolean;
  description?: string;
}) {
  const data = useOrganizationOptions(false);
  const { t } = useTranslation();
  return (
    <Select
      label={props.label}
      description={props.description}
      required={props.required}
      data={data}
      value={props.value}
      onChange={props.onChange}
      searchable
      clearable
      filter={accentInsensitiveFilter}
      nothingFoundMessage={t('common:nothingFound')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** A searchable picker of several organizations in force today. */
export function OrganizationMultiSelect(props: {
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  description?: string;
}) {
  const data = useOrganizationOptions(false);
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      data={data}
      value={props.value}
      onChange={props.onChange}
      searchable
      clearable
      filter={accentInsensitiveFilter}
      nothingFoundMessage={t('common:nothingFound')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Folds Vietnamese diacritics (and đ) so that "bo y te" matches "Bộ Y tế". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const accentInsensitiveFilter: OptionsFilter = ({ options, search }) => {
  const words = foldText(search).split(/\s+/).filter(Boolean);
  const matches = (item: ComboboxItem) => {
    const label = foldText(item.label);
    return words.every((word) => label.includes(word));
  };
  const result: ComboboxParsedItem[] = [];
  for (const option of options) {
    if ('group' in option) {
      const items = option.items.filter(matches);
      if (items.length > 0) result.push({ group: option.group, items });
    } else if (matches(option)) {
      result.push(option);
    }
  }
  return result;
};

import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n';

/** The visible VI/EN switch; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common:language.label')}
      value={current}
      onChange={(value) => void changeLanguage(value === 'en' ? 'en' : 'vi')}
      data={[
        {
          value: 'vi',
          label: (
            <span lang="vi" title="Tiếng Việt">
              VI
            </span>
          ),
        },
        {
          value: 'en',
          label: (
            <span lang="en" title="English">
              EN
            </span>
          ),
        },
      ]}
    />
  );
}

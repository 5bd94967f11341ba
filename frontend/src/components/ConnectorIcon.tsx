import { ThemeIcon } from '@mantine/core';
import {
  IconAddressBook,
  IconBuildingStore,
  IconCreditCard,
  IconMessage,
  IconPlug,
  IconSpeakerphone,
  IconTruckDelivery,
} from '@tabler/icons-react';
import type { ConnectorCategory } from '../gql/graphql';
import { CATEGORY_SINGULAR } from '../lib/connectors';

const ICONS: Record<ConnectorCategory, typeof IconPlug> = {
  STORE: IconBuildingStore,
  CRM: IconAddressBook,
  CARRIER: IconTruckDelivery,
  MESSAGING: IconMessage,
  PAYMENTS: IconCreditCard,
  ADS: IconSpeakerphone,
  OTHER: IconPlug,
};

const COLORS: Record<ConnectorCategory, string> = {
  STORE: 'green',
  CRM: 'orange',
  CARRIER: 'cyan',
  MESSAGING: 'blue',
  PAYMENTS: 'violet',
  ADS: 'pink',
  OTHER: 'gray',
};

/** The category's icon in a tinted square, named for screen readers. */
export function ConnectorIcon({ category, size = 'lg' }: { category: ConnectorCategory; size?: 'md' | 'lg' | 'xl' }) {
  const Icon = ICONS[category];
  return (
    <ThemeIcon
      variant="light"
      color={COLORS[category]}
      size={size}
      radius="md"
      role="img"
      aria-label={CATEGORY_SINGULAR[category]}
      style={{ flexShrink: 0 }}
    >
      <Icon size={size === 'xl' ? 24 : 20} aria-hidden />
    </ThemeIcon>
  );
}

import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { errorMessage } from '../../lib/api';

export function notifySuccess(message: string, title?: string) {
  notifications.show({
    title,
    message,
    color: 'teal',
    icon: <IconCheck size={16} />,
    autoClose: 3500,
  });
}

export function notifyError(error: unknown, title = 'Something went wrong') {
  notifications.show({
    title,
    message: errorMessage(error),
    color: 'red',
    icon: <IconAlertTriangle size={16} />,
    autoClose: 7000,
  });
}

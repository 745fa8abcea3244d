import { defineErrors } from '@belong/kit';

/** Every client error the notification service answers besides the kit's own (`NOTIF_*`). */
export const notificationErrors = defineErrors('NOTIF', {
  NOT_FOUND: { status: 404, title: 'Notification not found' },
  CANNOT_RESEND: { status: 409, title: 'This notification cannot be sent again' },
  WEBHOOK_NOT_FOUND: { status: 404, title: 'Webhook endpoint not found' },
  INVALID_WEBHOOK_URL: { status: 400, title: 'Invalid webhook URL' },
  PERSON_NOT_FOUND: { status: 404, title: 'Person not found' },
});

// One run of the delivery worker in its own process, so a test can kill it mid-delivery.
import { deliverDueEmail } from '../../app/notifications/outbox.server';

await deliverDueEmail();

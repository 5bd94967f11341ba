import { AuthLayout } from '../components/AuthLayout';
import { NotFound } from '../components/NotFound';

export function NotFoundPage() {
  return (
    <AuthLayout title="Page not found">
      <NotFound />
    </AuthLayout>
  );
}

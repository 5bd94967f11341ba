import { SimpleGrid, Skeleton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { ruleProblem } from '../lib/ruleErrors';
import { ErrorAlert } from './ErrorAlert';
import { RecipeCard } from './RecipeCard';

const RecipesQuery = graphql(`
  query Recipes($workspaceId: ID!) {
    recipes {
      slug
      name
      summary
      marketing
      needs {
        slug
        name
        category
      }
    }
    connections(workspaceId: $workspaceId) {
      id
      status
      connector {
        slug
      }
    }
  }
`);

const AddRecipeMutation = graphql(`
  mutation AddRecipe($workspaceId: ID!, $recipe: String!) {
    addRecipe(workspaceId: $workspaceId, recipe: $recipe) {
      id
      name
      version
    }
  }
`);

/** Refetch when connections change (the checkmarks) and let lists of rules refetch after an add. */
const CONTEXT = { additionalTypenames: ['Connection', 'Rule'] };

interface Props {
  workspaceId: string;
  base: string;
  writable: boolean;
}

/** The built-in recipes; adding one opens it in the rule editor. */
export function RecipeGallery({ workspaceId, base, writable }: Props) {
  const navigate = useNavigate();
  const [{ data, error }] = useQuery({ query: RecipesQuery, variables: { workspaceId }, context: CONTEXT });
  const [, addRecipe] = useMutation(AddRecipeMutation);
  const [adding, setAdding] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const connected = useMemo(
    () => new Set(data?.connections.filter((c) => c.status === 'ACTIVE').map((c) => c.connector.slug)),
    [data],
  );

  const add = async (slug: string) => {
    setAdding(slug);
    setErrors(({ [slug]: _, ...rest }) => rest);
    const result = await addRecipe({ workspaceId, recipe: slug }, CONTEXT);
    setAdding(null);
    const rule = result.data?.addRecipe;
    if (!rule) {
      setErrors((e) => ({ ...e, [slug]: result.error ? ruleProblem(result.error) : 'No answer.' }));
      return;
    }
    notifications.show({
      color: 'teal',
      title: `“${rule.name}” added`,
      message: 'Review it, then switch it on in the list of rules.',
    });
    void navigate(`${base}/rules/${rule.id}`);
  };

  if (!data) {
    if (error) return <ErrorAlert error={error} />;
    return (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-busy aria-label="Loading recipes">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={180} radius="md" />
        ))}
      </SimpleGrid>
    );
  }

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" role="list" aria-label="Recipes">
      {data.recipes.map((recipe) => (
        <div role="listitem" key={recipe.slug}>
          <RecipeCard
            recipe={recipe}
            connected={connected}
            base={base}
            writable={writable}
            adding={adding === recipe.slug}
            error={errors[recipe.slug]}
            onAdd={() => void add(recipe.slug)}
          />
        </div>
      ))}
    </SimpleGrid>
  );
}

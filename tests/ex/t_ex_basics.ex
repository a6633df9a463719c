# Elixir on Lantern: the real Elixir 1.14 standard library (Enum, String, Map,
# Keyword, Range, Integer, structs, protocols, exceptions) running unmodified.
# Driven by tests/erl/t_elixir_basics.erl; prints only with :erlang.display/1.
defmodule TExBasics.Point do
  defstruct x: 0, y: 0
end

defmodule TExBasics do
  alias TExBasics.Point

  def main do
    d = &:erlang.display/1
    d.(Enum.map([1, 2, 3], fn x -> x * x end))
    d.(Enum.sum(1..100))
    d.(Enum.filter(1..20, &(rem(&1, 3) == 0)))
    d.(Enum.reduce(1..10, 0, &(&1 + &2)))
    d.(Enum.sort_by(["pear", "fig", "banana"], &String.length/1))
    d.(Enum.zip([:a, :b, :c], 1..3))
    d.(Enum.group_by(1..10, &rem(&1, 3)) |> Map.to_list())
    d.(Enum.chunk_every(1..7, 3))
    d.(Enum.frequencies(~w(a b a c b a)) |> Enum.sort())
    d.(String.upcase("lantern"))
    d.(String.split("a,b,,c", ","))
    d.(String.reverse("héllo"))
    d.(String.length("héllo"))
    d.("sum=#{1 + 2} list=#{inspect([1, :a, "s"])}")
    d.(Integer.to_string(255, 16))
    d.(Integer.parse("42abc"))
    d.(%{a: 1} |> Map.put(:b, 2) |> Map.update!(:a, &(&1 + 10)) |> Map.to_list())
    d.(Keyword.get([x: 1, y: 2], :y))
    p = %Point{x: 3}
    d.({p.x, p.y, %{p | y: 4}.y})
    d.(inspect(p))
    d.(match({:ok, [1, 2, 3]}))
    d.(match({:error, :nope}))
    d.(safe_div(10, 2))
    d.(safe_div(1, 0))
    d.(Stream.iterate(1, &(&1 * 2)) |> Enum.take(10))
    d.(for x <- 1..4, y <- [:a, :b], do: {x, y})
    d.(<<1, 2, 3>> |> :binary.bin_to_list())
    <<a::8, rest::binary>> = "xyz"
    d.({a, rest})
    d.(Enum.join(["a", "b", "c"], "-"))
    :ok
  end

  defp match({:ok, [h | t]}), do: {:head, h, length(t)}
  defp match({:error, reason}), do: {:failed, reason}

  defp safe_div(a, b) do
    try do
      {:ok, div(a, b)}
    rescue
      e in ArithmeticError -> {:rescued, e.message}
    end
  end
end

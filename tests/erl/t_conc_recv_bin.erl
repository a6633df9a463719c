-module(t_conc_recv_bin).
-export([main/0, small/1, wide/1]).
-include("test.hrl").

%% Binary patterns matched in a receive: the match context and sub-binaries point into the
%% message while it is still queued; collections during the match (a tiny heap, long
%% patterns) must not leave the promoted terms pointing at the message once it is taken.
main() ->
    {_, R1} = spawn_opt(?MODULE, small, [3000], [monitor, {min_heap_size, 12}]),
    erlang:display(receive {'DOWN', R1, _, _, Reason1} -> Reason1 end),
    {_, R2} = spawn_opt(?MODULE, wide, [3000], [monitor]),
    erlang:display(receive {'DOWN', R2, _, _, Reason2} -> Reason2 end).

small(0) -> ok;
small(N) ->
    Pad = binary:copy(<<(N rem 250 + 1)>>, 200),
    self() ! <<Pad:10/binary, Pad/binary>>,
    receive
        <<R1:10/binary, B1:64, B2:64, B3:64, B4:64, B5:64, B6:64, B7:64, B8:64,
          B9:64, B10:64, B11:64, B12:64, B13:64, B14:64, B15:64, B16:64, _/binary>>
          when B1 > 0, B2 > 0, B3 > 0, B4 > 0, B5 > 0, B6 > 0, B7 > 0, B8 > 0,
               B9 > 0, B10 > 0, B11 > 0, B12 > 0, B13 > 0, B14 > 0, B15 > 0, B16 > 0 ->
            Junk = [ {I, I * 2.5, <<I:800>>} || I <- lists:seq(1, 20) ],
            _ = length(Junk),
            More = [ binary:copy(<<7>>, 200) || _ <- lists:seq(1, 5) ],
            _ = length(More),
            Exp = binary:copy(<<(N rem 250 + 1)>>, 10),
            case R1 =:= Exp of
                true -> small(N - 1);
                false -> erlang:display({corrupt, N, R1}), exit(corrupt)
            end
    end.

wide(0) -> ok;
wide(N) ->
    Pad = binary:copy(<<(N rem 250 + 1)>>, 1060),
    self() ! <<Pad:10/binary, Pad/binary>>,
    receive
        <<R1:10/binary, B0:64, B1:64, B2:64, B3:64, B4:64, B5:64, B6:64, B7:64, B8:64, B9:64, B10:64, B11:64, B12:64, B13:64, B14:64, B15:64, B16:64, B17:64, B18:64, B19:64, B20:64, B21:64, B22:64, B23:64, B24:64, B25:64, B26:64, B27:64, B28:64, B29:64, B30:64, B31:64, B32:64, B33:64, B34:64, B35:64, B36:64, B37:64, B38:64, B39:64, B40:64, B41:64, B42:64, B43:64, B44:64, B45:64, B46:64, B47:64, B48:64, B49:64, B50:64, B51:64, B52:64, B53:64, B54:64, B55:64, B56:64, B57:64, B58:64, B59:64, B60:64, B61:64, B62:64, B63:64, B64:64, B65:64, B66:64, B67:64, B68:64, B69:64, B70:64, B71:64, B72:64, B73:64, B74:64, B75:64, B76:64, B77:64, B78:64, B79:64, B80:64, B81:64, B82:64, B83:64, B84:64, B85:64, B86:64, B87:64, B88:64, B89:64, B90:64, B91:64, B92:64, B93:64, B94:64, B95:64, B96:64, B97:64, B98:64, B99:64, B100:64, B101:64, B102:64, B103:64, B104:64, B105:64, B106:64, B107:64, B108:64, B109:64, B110:64, B111:64, B112:64, B113:64, B114:64, B115:64, B116:64, B117:64, B118:64, B119:64, _/binary>> when B0 > 0, B1 > 0, B2 > 0, B3 > 0, B4 > 0, B5 > 0, B6 > 0, B7 > 0, B8 > 0, B9 > 0, B10 > 0, B11 > 0, B12 > 0, B13 > 0, B14 > 0, B15 > 0, B16 > 0, B17 > 0, B18 > 0, B19 > 0, B20 > 0, B21 > 0, B22 > 0, B23 > 0, B24 > 0, B25 > 0, B26 > 0, B27 > 0, B28 > 0, B29 > 0, B30 > 0, B31 > 0, B32 > 0, B33 > 0, B34 > 0, B35 > 0, B36 > 0, B37 > 0, B38 > 0, B39 > 0, B40 > 0, B41 > 0, B42 > 0, B43 > 0, B44 > 0, B45 > 0, B46 > 0, B47 > 0, B48 > 0, B49 > 0, B50 > 0, B51 > 0, B52 > 0, B53 > 0, B54 > 0, B55 > 0, B56 > 0, B57 > 0, B58 > 0, B59 > 0, B60 > 0, B61 > 0, B62 > 0, B63 > 0, B64 > 0, B65 > 0, B66 > 0, B67 > 0, B68 > 0, B69 > 0, B70 > 0, B71 > 0, B72 > 0, B73 > 0, B74 > 0, B75 > 0, B76 > 0, B77 > 0, B78 > 0, B79 > 0, B80 > 0, B81 > 0, B82 > 0, B83 > 0, B84 > 0, B85 > 0, B86 > 0, B87 > 0, B88 > 0, B89 > 0, B90 > 0, B91 > 0, B92 > 0, B93 > 0, B94 > 0, B95 > 0, B96 > 0, B97 > 0, B98 > 0, B99 > 0, B100 > 0, B101 > 0, B102 > 0, B103 > 0, B104 > 0, B105 > 0, B106 > 0, B107 > 0, B108 > 0, B109 > 0, B110 > 0, B111 > 0, B112 > 0, B113 > 0, B114 > 0, B115 > 0, B116 > 0, B117 > 0, B118 > 0, B119 > 0 ->
            Junk = [ {I, I * 2.5, <<I:800>>} || I <- lists:seq(1, 50) ],
            _ = length(Junk),
            More = [ binary:copy(<<7>>, 200) || _ <- lists:seq(1, 5) ],
            _ = length(More),
            Exp = binary:copy(<<(N rem 250 + 1)>>, 10),
            case R1 =:= Exp of
                true -> wide(N - 1);
                false -> erlang:display({corrupt, N, R1}), exit(corrupt)
            end
    end.
